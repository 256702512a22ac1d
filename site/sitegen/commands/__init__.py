"""What authors run: build (freeze), serve (preview), new (start a file), the dev stack."""
