import Foundation

/// Writing bytes with POSIX calls, straight from the caller's buffer (no copy into `Data`).
enum FileBytes {
    /// Writes `bytes` to a new file at `path`.
    static func write(_ bytes: [UInt8], to path: String) -> Bool {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        return bytes.withUnsafeBufferPointer { write($0, to: descriptor, at: nil) }
    }

    /// Writes a new file at `path` from the pieces `fill` hands to its argument, gathered into writes of 256 KB: the
    /// file is never held whole.
    static func write(to path: String, _ fill: (_ append: ([UInt8]) -> Void) -> Void) -> Bool {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        return write(to: descriptor, fill)
    }

    /// Writes the pieces `fill` hands to its argument to `descriptor` (a file, standard output), gathered into writes
    /// of 256 KB.
    static func write(to descriptor: Int32, _ fill: (_ append: ([UInt8]) -> Void) -> Void) -> Bool {
        let size = 262_144
        var buffer: [UInt8] = []
        buffer.reserveCapacity(size)
        var written = true
        fill { piece in
            buffer += piece
            guard buffer.count >= size else { return }
            written = written && buffer.withUnsafeBufferPointer { write($0, to: descriptor, at: nil) }
            buffer.removeAll(keepingCapacity: true)
        }
        return written && buffer.withUnsafeBufferPointer { write($0, to: descriptor, at: nil) }
    }

    /// A file's size and modification time, as `stat` gives them.
    static func status(_ path: String) -> (Int, Double)? {
        var info = Foundation.stat()
        guard stat(path, &info) == 0 else { return nil }
        #if canImport(Darwin)
            let time = info.st_mtimespec
        #else
            let time = info.st_mtim
        #endif
        return (Int(info.st_size), Double(time.tv_sec) + Double(time.tv_nsec) / 1e9)
    }

    /// The bytes of the file at `path`, or `nil` if it cannot be read.
    static func read(_ path: String) -> [UInt8]? {
        path.withCString { read(cPath: $0) }
    }

    /// The bytes of the file at the NUL-terminated `path` (any bytes, not only UTF-8), or `nil` if it cannot be read.
    static func read(cPath path: UnsafePointer<CChar>) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return nil }
        // One byte more than the size, so that the end is seen at once; a file that grew meanwhile is read whole.
        var bytes = [UInt8](repeating: 0, count: max(Int(status.st_size), 0) + 1)
        var filled = 0
        while true {
            if filled == bytes.count { bytes += repeatElement(0, count: max(bytes.count, 4096)) }
            let count = bytes.withUnsafeMutableBytes { buffer in
                Foundation.read(descriptor, buffer.baseAddress! + filled, buffer.count - filled)
            }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { return nil }
            if count == 0 { break }
            filled += count
        }
        bytes.removeSubrange(filled...)
        return bytes
    }

    /// The file at `path` mapped read-only, for reading large files without copying them; `nil` if it cannot be
    /// mapped (or is empty). Its pages are loaded by the one call on Linux (`MAP_POPULATE`), rather than one page
    /// fault every 4 KB. Call ``MappedFile/unmap()`` when done.
    static func map(_ path: String) -> MappedFile? {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_size > 0 else { return nil }
        #if os(Linux)
            let flags = MAP_PRIVATE | MAP_POPULATE
        #else
            let flags = MAP_PRIVATE
        #endif
        let size = Int(status.st_size)
        guard let address = mmap(nil, size, PROT_READ, flags, descriptor, 0), address != MAP_FAILED else { return nil }
        return MappedFile(bytes: UnsafeRawBufferPointer(start: address, count: size))
    }

    /// Writes `bytes` to an open file, at `offset` or else where the file stands.
    static func write(_ bytes: UnsafeBufferPointer<UInt8>, to descriptor: Int32, at offset: Int?) -> Bool {
        var done = 0
        while done < bytes.count {
            let start = bytes.baseAddress! + done
            let written =
                if let offset { pwrite(descriptor, start, bytes.count - done, off_t(offset + done)) } else {
                    Foundation.write(descriptor, start, bytes.count - done)
                }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return false }
            done += written
        }
        return true
    }
}

/// A file mapped read-only by ``FileBytes/map(_:)``: any thread may read it until it is unmapped.
struct MappedFile: @unchecked Sendable {
    let bytes: UnsafeRawBufferPointer

    func unmap() {
        if let address = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: address), bytes.count) }
    }
}
