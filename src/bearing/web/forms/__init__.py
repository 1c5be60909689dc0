"""The pages' forms: they parse and label input; the services decide what is valid."""
