"""The event record: the model, quantities, vocabulary, the checks at the door, YAML in and out, the
diagnostics and the collection of records read from a folder."""
