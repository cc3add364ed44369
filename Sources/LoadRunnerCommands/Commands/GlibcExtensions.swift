import Foundation

/// GNU extensions of glibc that Swift's `Glibc` module does not import (they sit behind `_GNU_SOURCE`),
/// looked up once by name. Each is nil where the C library lacks it (musl, a static build); callers
/// then fall back to the portable call.
enum GlibcExtensions {
    typealias Pipe2 = @convention(c) (UnsafeMutablePointer<Int32>?, Int32) -> Int32
    typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, Int32) -> Int32

    /// `pipe2(fds, flags)`: a pipe whose ends get `O_CLOEXEC` atomically, so a process spawned at the same
    /// moment by another thread cannot inherit them (glibc 2.9).
    static let pipe2: Pipe2? = symbol("pipe2", as: Pipe2.self)

    /// `posix_spawn_file_actions_addclosefrom_np(actions, from)`: the child closes every descriptor from
    /// `from` up, whether or not it is close-on-exec (glibc 2.34).
    static let addCloseFrom: AddCloseFrom? = symbol("posix_spawn_file_actions_addclosefrom_np", as: AddCloseFrom.self)

    private static func symbol<Function>(_ name: String, as type: Function.Type) -> Function? {
        // RTLD_DEFAULT is the null handle in glibc: search the process's global symbols.
        dlsym(nil, name).map { unsafeBitCast($0, to: type) }
    }
}
