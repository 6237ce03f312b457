"""Training and evaluation. Imported only by ``intimacy-screen train`` / ``evaluate``, never by screening."""
