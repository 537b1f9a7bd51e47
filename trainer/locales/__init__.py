"""Translations of the interface and debrief text (see trainer.i18n)."""
