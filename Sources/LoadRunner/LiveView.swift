import Foundation
import LoadRunnerLive

/// Starts and stops `run --listen`'s server around a run: it binds before anything is sent (a taken port is a
/// setup failure), and after the run it stays up `linger` more so an open dashboard sees the final state.
enum LiveView {
    /// How long the server stays up after the run wrote its files: two of the dashboard's polls.
    static let linger = Duration.seconds(2)

    /// What `start` gives: the server (nil without `--listen`), or the exit status after saying why it could not start.
    enum Start {
        case started(LiveServer?)
        case failed(ExitStatus)
    }

    static func start(_ listen: String?, console: Console) async -> Start {
        guard let listen, let address = ListenAddress(listen) else { return .started(nil) }
        if !address.isLoopback { console.report(CLIMessages.listenNotLoopback(address)) }
        do {
            let server = try await LiveServer.start(address, board: LiveBoard())
            console.line(CLIMessages.listening(server.url))
            return .started(server)
        } catch {
            console.report(CLIMessages.cannotListen(address, reason: "\(error)"))
            return .failed(.targetOrSetupFailure)
        }
    }

    /// Stops `server` after the linger when the run finished, at once otherwise.
    static func stop(_ server: LiveServer?) async {
        guard let server else { return }
        if server.board.isFinished { try? await Task.sleep(for: linger) }
        await server.stop()
    }
}
