"""The orchestration of a build: its options (`options`), the facts cache (`cache`), the
stream of facts from cache or spaCy (`stream`), the on-disk spool that resolves them
(`spool`), the unchanged-build check (`unchanged`), the progress bar (`progress`), its work
folder (`scratch`), and the build itself (`run`), `kg export`'s route to one format
(`reexport`) and `kg extract`'s (`extraction`)."""
