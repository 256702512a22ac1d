/* training-goals */
