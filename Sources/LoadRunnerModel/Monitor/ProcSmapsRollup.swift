/// The proportional set size of `/proc/<pid>/smaps_rollup` (see proc(5), Linux 4.14 and later).
///
/// PSS counts each resident page divided by the number of processes that map it, so PSS summed over a
/// process tree counts memory shared inside the tree (PostgreSQL's shared buffers) once, where summed RSS
/// counts it once per process.
package enum ProcSmapsRollup {
    /// The `Pss:` line in bytes (the file gives kB); nil when the line is missing or not a number.
    package static func pssBytes(_ text: String) -> UInt64? {
        for line in text.split(whereSeparator: \.isNewline) where line.hasPrefix("Pss:") {
            let fields = line.dropFirst("Pss:".count).split(separator: " ", omittingEmptySubsequences: true)
            guard let kilobytes = fields.first.flatMap({ UInt64(ProcText.trimmed($0)) }),
                  fields.count == 1 || fields[1] == "kB"
            else { return nil }
            return kilobytes * 1024
        }
        return nil
    }
}
