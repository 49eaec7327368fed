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
