"""The signal index: registrations, privacy-preserving matching, matches and follow-up."""
