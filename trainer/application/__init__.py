"""The application floor: each use case once (play a script, build a run record, replay a run
turn by turn, lint, open the results store), called alike by the command line, the window and
the server. It composes the core (scenario, engine, scoring) with the adapters (content files,
results store, reports); the shells above it only parse, dispatch and present."""
