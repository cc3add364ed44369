import Foundation
import NIOCore
import NIOPosix
import PostgresNIO

/// Turns a database or network error into one short line for an HTTP error body or a log line.
///
/// `PSQLError` hides its details from `description` on purpose, so the server's message or the underlying
/// socket error is pulled out by hand: "connection refused", "relation \"template\" does not exist".
enum ErrorReason {
    static func describe(_ error: any Error) -> String {
        if let psql = error as? PSQLError {
            if let message = psql.serverInfo?[.message] { return message }
            if let underlying = psql.underlying { return describe(underlying) }
            return "\(psql.code)"
        }
        if let failure = error as? NIOConnectionError {
            if let first = failure.connectionErrors.first { return describe(first.error) }
            return "cannot connect to \(failure.host):\(failure.port)"
        }
        if let io = error as? IOError { return String(cString: strerror(io.errnoCode)).lowercased() }
        if let channel = error as? ChannelError {
            switch channel {
            case .connectTimeout: return "connect timed out"
            case .ioOnClosedChannel, .alreadyClosed, .eof: return "connection closed"
            default: break
            }
        }
        return String(describing: error)
    }

    /// The SQLSTATE the server sent (`25006`, `42P01`, ...), or `nil` when the error did not come from the server.
    static func sqlState(_ error: any Error) -> String? {
        (error as? PSQLError)?.serverInfo?[.sqlState]
    }

    /// The server's non-localized severity (`ERROR`, `FATAL`, `PANIC`), or `nil` when the error did not come from it.
    static func severity(_ error: any Error) -> String? {
        (error as? PSQLError)?.serverInfo?[.severity]
    }
}
