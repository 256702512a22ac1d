"""The owner's training log: workouts, gear, body weight, records, goals, the public summary.

Views import their modules on first use, so the Lambda's cold start pays
nothing for the training log until a training request arrives.
"""
