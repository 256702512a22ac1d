/* training-import */
