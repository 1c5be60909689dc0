"""The pages, one module per area; each view is named by what it does."""
