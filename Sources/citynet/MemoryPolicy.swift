import CMallocTuning

/// How the process asks the C allocator to manage memory.
enum MemoryPolicy {
    /// Allocations from this size up get their own mapping, returned to the system as soon as they are freed.
    static let mappedFrom: Int32 = 1 << 20

    /// Makes the large buffers a run grows and drops (column arrays, string arenas, read buffers) go back to the
    /// system when they are freed.
    ///
    /// glibc raises its mmap threshold each time a mapped block is freed, up to 32 MiB; after that, a column
    /// that doubles leaves its old buffer in the heap, where it still counts in the resident set. A fixed
    /// threshold of 1 MiB keeps the peak RSS of a million-record run about 12 MB lower at no measurable cost in
    /// time (see Benchmarks/RESULTS.md).
    static func apply() {
        _ = citynet_set_mmap_threshold(mappedFrom)
    }
}
