import Foundation

/// What a profile reads from this machine besides itself: environment variables and files. A profile from
/// elsewhere could use them to send a secret or a local file to its target, so `validate` lists them and
/// `run --no-actions` refuses them unless allowed.
extension Profile {
    /// The files the profile reads (its `csv:` sources), resolved against its folder, in profile order.
    package var filesRead: [String] {
        data.compactMap { source in
            if case .csv(let path, _) = source.kind { return path }
            return nil
        }
    }

    /// The files of `filesRead` that lie outside the profile's folder once symbolic links and `..` are
    /// resolved, each as that resolved absolute path.
    package var filesReadOutsideFolder: [String] {
        let folder = Self.resolvedPath(baseDirectory.isEmpty ? "." : baseDirectory)
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        return filesRead.map(Self.resolvedPath).filter { !$0.hasPrefix(prefix) }
    }

    /// `path` made absolute against the working directory, with `..` and symbolic links resolved.
    static func resolvedPath(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}
