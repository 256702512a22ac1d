/* training-log */
