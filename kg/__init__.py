"""newskg: build a knowledge graph from news articles."""
