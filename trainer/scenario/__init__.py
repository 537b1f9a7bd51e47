"""The scenario format: model, safe YAML loading, validation, lint, library, scripts."""
