"""Getting raw input into the project: the GDELT fetcher."""
