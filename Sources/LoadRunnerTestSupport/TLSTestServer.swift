import Foundation

/// A real nginx serving HTTPS (HTTP/1.1 and HTTP/2 through ALPN) with a fresh self-signed certificate on
/// 127.0.0.1, for tests of LoadRunner's TLS options. Needs `nginx` and `openssl` (Debian's nginx-light and
/// openssl); everything it writes stays in its own temporary folder.
package final class TLSTestServer: Sendable {
    package let port: Int
    private let folder: URL
    private let process: Process

    package var baseURL: String { "https://127.0.0.1:\(port)" }

    /// Whether this machine has what the server needs.
    package static var isAvailable: Bool {
        FileManager.default.isExecutableFile(atPath: nginxPath) && FileManager.default.isExecutableFile(atPath: opensslPath)
    }

    static let nginxPath = "/usr/sbin/nginx"
    static let opensslPath = "/usr/bin/openssl"

    private init(port: Int, folder: URL, process: Process) {
        self.port = port
        self.folder = folder
        self.process = process
    }

    /// Starts the server, runs `body`, and always stops it and removes its folder.
    package static func withServer<T>(_ body: (TLSTestServer) async throws -> T) async throws -> T {
        let server = try await start()
        defer { server.stop() }
        return try await body(server)
    }

    static func start() async throws -> TLSTestServer {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lr-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("logs"), withIntermediateDirectories: true)
        try run(opensslPath, [
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
            "-keyout", folder.appendingPathComponent("key.pem").path, "-out", folder.appendingPathComponent("cert.pem").path,
        ])
        let port = try FreePort.pick()
        try configuration(folder: folder, port: port).write(
            to: folder.appendingPathComponent("nginx.conf"), atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: nginxPath)
        process.arguments = ["-p", folder.path, "-c", "nginx.conf"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let server = TLSTestServer(port: port, folder: folder, process: process)
        for _ in 0..<100 {
            if FreePort.accepts(port: port) { return server }
            try await Task.sleep(for: .milliseconds(50))
        }
        server.stop()
        throw TestHTTPServer.StartError(description: "nginx did not start listening on 127.0.0.1:\(port)")
    }

    /// Stops nginx (and its worker) and removes the folder. Safe to call twice.
    package func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: folder)
    }

    private static func configuration(folder: URL, port: Int) -> String {
        let prefix = folder.path
        return """
            daemon off;
            master_process on;
            worker_processes 1;
            pid \(prefix)/nginx.pid;
            error_log \(prefix)/logs/error.log warn;
            events { worker_connections 1024; }
            http {
                access_log off;
                keepalive_requests 1000000;
                client_body_temp_path \(prefix)/body; proxy_temp_path \(prefix)/proxy;
                fastcgi_temp_path \(prefix)/fastcgi; uwsgi_temp_path \(prefix)/uwsgi; scgi_temp_path \(prefix)/scgi;
                server {
                    listen 127.0.0.1:\(port) ssl http2;
                    ssl_certificate \(prefix)/cert.pem;
                    ssl_certificate_key \(prefix)/key.pem;
                    location / { default_type application/json; return 200 '{"tls":true,"protocol":"$server_protocol"}'; }
                }
            }
            """
    }

    private static func run(_ path: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TestHTTPServer.StartError(description: "\(path) \(arguments.first ?? "") exited with \(process.terminationStatus)")
        }
    }
}

/// Loopback port helpers for servers that cannot bind port 0 themselves (nginx).
enum FreePort {
    /// A port that was free on 127.0.0.1 a moment ago (the kernel's pick for port 0).
    static func pick() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw TestHTTPServer.StartError(description: "socket() failed: errno \(errno)") }
        defer { close(descriptor) }
        var address = loopback(port: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw TestHTTPServer.StartError(description: "bind(127.0.0.1:0) failed: errno \(errno)") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Whether something accepts TCP connections on 127.0.0.1:`port`.
    static func accepts(port: Int) -> Bool {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var address = loopback(port: port)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        } == 0
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        return address
    }
}
