"""Language rules applied to the model: word division now; quotes, spaces and dashes next."""
