// The `loadrunner-demo-server` executable: see `DemoServerCommand`.
// Spelled out because in main.swift `DemoServerCommand.main()` and `run()` resolve to ArgumentParser's
// synchronous defaults, which cannot run an async command.
do {
    let command = try DemoServerCommand.parse()
    try await command.serve()
} catch {
    DemoServerCommand.exit(withError: error)
}
