import Foundation

/// A real nginx (`nginx-light`) serving a fixed 200 on 127.0.0.1 at a free port, in a temporary prefix
/// folder; stopped (and waited for) when `withServer`'s body ends, thrown or not.
struct NginxServer {
    let port: Int
    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Why nginx could not serve.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// `keepaliveTimeout` (nginx's syntax, e.g. `100ms`): how long nginx keeps an idle connection open.
    static func withServer<T>(keepaliveTimeout: String = "75s", _ body: (NginxServer) async throws -> T) async throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lr-nginx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let port = try freePort()
        let conf = folder.appendingPathComponent("nginx.conf")
        try configuration(port: port, folder: folder.path, keepaliveTimeout: keepaliveTimeout).write(to: conf, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/sbin/nginx")
        process.arguments = ["-p", folder.path, "-c", conf.path, "-g", "daemon off;"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer {
            process.terminate()
            process.waitUntilExit()
        }
        try await waitUntilListening(port: port, process: process)
        return try await body(NginxServer(port: port))
    }

    private static func configuration(port: Int, folder: String, keepaliveTimeout: String) -> String {
        """
        worker_processes 1;
        pid \(folder)/nginx.pid;
        error_log \(folder)/error.log;
        events { worker_connections 1024; }
        http {
            access_log off;
            client_body_temp_path \(folder)/body;
            proxy_temp_path \(folder)/proxy;
            fastcgi_temp_path \(folder)/fastcgi;
            uwsgi_temp_path \(folder)/uwsgi;
            scgi_temp_path \(folder)/scgi;
            keepalive_requests 1000000;
            keepalive_timeout \(keepaliveTimeout);
            server {
                listen 127.0.0.1:\(port);
                location / { return 200 "ok\\n"; }
            }
        }
        """
    }

    /// A port the kernel just handed out on 127.0.0.1 (bound to port 0, then released).
    private static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket() failed: errno \(errno)") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw Failure(description: "bind to 127.0.0.1:0 failed: errno \(errno)") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Waits up to 5 s for a connection to `port` to succeed.
    private static func waitUntilListening(port: Int, process: Process) async throws {
        for _ in 0..<100 {
            guard process.isRunning else { throw Failure(description: "nginx exited with status \(process.terminationStatus)") }
            if canConnect(port: port) { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw Failure(description: "nginx did not listen on 127.0.0.1:\(port) within 5 s")
    }

    private static func canConnect(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}
