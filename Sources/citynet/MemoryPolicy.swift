import CMallocTuning

/// How the process asks the C allocator to manage memory.
enum MemoryPolicy {
    /// Free bytes at the top of a heap from which they go back to the system.
    static let trimmedFrom: Int32 = 1 << 16

    /// Makes freed memory go back to the system once 64 KiB are free at the top of a heap, with no extra padding
    /// asked for when a heap grows.
    ///
    /// Each thread that allocates (the reader, the normaliser, the hasher, the second XML parser) gets a heap of
    /// its own, and record batches come and go in all of them; with glibc's defaults (trim from 128 KiB, pad 128
    /// KiB, both raised as large blocks are freed) a 200 MB IATI run kept 4-5 MB of freed batches resident and a
    /// 200 MB CSV run some 40 MB. The mmap threshold stays glibc's own: fixing it at 1 MiB, as tried, put blocks
    /// of 128 KiB-1 MiB in the heaps and cost 3 MB more.
    static func apply() {
        _ = citynet_set_trim(trimmedFrom, 0)
    }
}
