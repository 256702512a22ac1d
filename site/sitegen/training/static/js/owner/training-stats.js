/* training-stats */
