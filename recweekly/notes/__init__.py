"""Paper notes: the model, the store on disk, and importers that turn outside text into notes."""
