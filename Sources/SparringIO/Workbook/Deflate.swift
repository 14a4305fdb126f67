import CZlib

/// Raw deflate streams (RFC 1951, as zip entries hold them) and CRC-32, by the machine's zlib.
enum Deflate {
    /// Why a deflate stream could not be unpacked.
    enum Failure: Error, Equatable {
        /// The data is not a valid deflate stream, or it ends before the stream does.
        case corrupt
        /// The stream unpacks to more than the limit: `limit + 1` bytes were produced and the rest not looked at.
        case exceedsLimit
    }

    /// Unpacks a raw deflate stream, never producing more than `limit` bytes.
    ///
    /// The output grows in chunks of at most 1 MB as the stream produces it (a declared size is only a hint for
    /// the first allocation, because a zip's sizes may lie), and unpacking stops as soon as it passes `limit`:
    /// a zip bomb costs at most `limit` bytes of memory and the time to unpack them.
    /// - Parameters:
    ///   - expected: the size the container declares, used to reserve memory (capped by `limit`).
    /// - Throws: ``Failure/exceedsLimit`` past `limit`; ``Failure/corrupt`` for bad data or a stream cut short.
    /// - Complexity: O(output), memory O(output).
    static func inflate(_ input: ArraySlice<UInt8>, expected: Int, limit: Int) throws(Failure) -> [UInt8] {
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { throw .corrupt }
        defer { inflateEnd(&stream) }
        var output = [UInt8]()
        output.reserveCapacity(min(max(expected, 0), limit) + 1)
        let chunk = 1 << 20
        var buffer = [UInt8](repeating: 0, count: chunk)
        let status: Int32 = input.withUnsafeBufferPointer { source in
            stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
            stream.avail_in = UInt32(source.count)
            while true {
                let produced: Int, code: Int32
                (produced, code) = buffer.withUnsafeMutableBufferPointer { target in
                    stream.next_out = target.baseAddress
                    stream.avail_out = UInt32(target.count)
                    let code = CZlib.inflate(&stream, Z_NO_FLUSH)
                    return (target.count - Int(stream.avail_out), code)
                }
                output.append(contentsOf: buffer[0..<produced])
                if output.count > limit { return Z_BUF_ERROR - 100 }
                if code == Z_STREAM_END { return Z_STREAM_END }
                if code != Z_OK { return code }
                // Input used up and no output made: the stream is cut short.
                if stream.avail_in == 0 && produced == 0 { return Z_DATA_ERROR }
            }
        }
        if status == Z_BUF_ERROR - 100 { throw .exceedsLimit }
        guard status == Z_STREAM_END else { throw .corrupt }
        return output
    }

    /// Packs `input` as a raw deflate stream at zlib's `level` (0…9; 6 is zlib's default balance). The same
    /// input, level and zlib give the same bytes.
    /// - Complexity: O(input).
    static func deflate(_ input: [UInt8], level: Int32 = 6) -> [UInt8] {
        var stream = z_stream()
        guard deflateInit2_(&stream, level, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
                            Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            preconditionFailure("zlib could not start a deflate stream")
        }
        defer { deflateEnd(&stream) }
        let bound = Int(deflateBound(&stream, UInt(input.count)))
        var output = [UInt8](repeating: 0, count: bound)
        let written: Int = input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
                stream.avail_in = UInt32(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = UInt32(target.count)
                let code = CZlib.deflate(&stream, Z_FINISH)
                precondition(code == Z_STREAM_END, "deflate did not finish within deflateBound")
                return target.count - Int(stream.avail_out)
            }
        }
        output.removeSubrange(written...)
        return output
    }

    /// The CRC-32 that zip stores for each entry. O(bytes).
    static func crc32(_ bytes: some Collection<UInt8>) -> UInt32 {
        let value = bytes.withContiguousStorageIfAvailable { buffer in
            CZlib.crc32(0, buffer.baseAddress, UInt32(buffer.count))
        } ?? Array(bytes).withUnsafeBufferPointer { CZlib.crc32(0, $0.baseAddress, UInt32($0.count)) }
        return UInt32(value)
    }
}
