import CCurl

/// Memory the load freed, given back to the system before the results are built.
///
/// Each curl loop allocates from its own malloc arena (glibc gives each thread one), and its users' handles and
/// connections are freed there when the load ends. glibc keeps those pages; the results and reports are then built
/// on other threads, in other arenas, in new pages. Without this, writing the reports of 1,000 users raised the
/// process's peak memory above the load's own (docs/performance.md, "A static release build").
enum FreedMemory {
    /// Returns every whole free page of every arena to the system (`malloc_trim`).
    static func giveBack() {
        lr_give_back_freed_memory()
    }
}
