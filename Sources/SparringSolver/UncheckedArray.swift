/// A fixed-size array for the solver's hot loops: element access without bounds checks in release builds.
///
/// Debug builds (and so every test) check each index with `assert`; release builds read and write through a
/// raw pointer, which is what the search gained from compiling the whole target with `-Ounchecked`, kept to
/// the few tables the inner loop touches. Copies share storage until one of them is written
/// (copy-on-write), so a copy handed to another thread never sees a write.
public struct UncheckedArray<Element>: RandomAccessCollection {
    @usableFromInline final class Storage {
        @usableFromInline let base: UnsafeMutablePointer<Element>
        @usableFromInline let count: Int

        @usableFromInline init(count: Int, copying source: UnsafePointer<Element>?) {
            self.count = count
            base = .allocate(capacity: Swift.max(1, count))
            if let source { base.initialize(from: source, count: count) }
        }

        deinit {
            base.deinitialize(count: count)
            base.deallocate()
        }
    }

    @usableFromInline var storage: Storage
    /// The first element, kept beside the storage so that a read is one load.
    @usableFromInline private(set) var base: UnsafeMutablePointer<Element>

    /// - Complexity: O(n).
    public init(_ elements: [Element]) {
        storage = elements.withUnsafeBufferPointer { Storage(count: $0.count, copying: $0.baseAddress) }
        base = storage.base
    }

    /// - Complexity: O(n).
    public init(repeating value: Element, count: Int) {
        storage = Storage(count: count, copying: nil)
        storage.base.initialize(repeating: value, count: count)
        base = storage.base
    }

    /// Always 0.
    public var startIndex: Int { 0 }
    /// The element count.
    public var endIndex: Int { storage.count }

    @inlinable
    /// Element `index`; unchecked in release builds, asserted in debug builds.
    public subscript(index: Int) -> Element {
        @inline(__always) get {
            assert(index >= 0 && index < storage.count, "index \(index) out of range 0..<\(storage.count)")
            return base[index]
        }
        @inline(__always) set {
            assert(index >= 0 && index < storage.count, "index \(index) out of range 0..<\(storage.count)")
            if !isKnownUniquelyReferenced(&storage) { detach() }
            base[index] = newValue
        }
    }

    /// Makes sure no other copy shares the storage, so that writes through ``base`` are safe. O(n) when shared, else O(1).
    @inlinable public mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) { detach() }
    }

    /// Gives this copy its own storage before a write. O(n).
    @usableFromInline mutating func detach() {
        storage = Storage(count: storage.count, copying: storage.base)
        base = storage.base
    }

    /// The elements as an ordinary array. O(n).
    public var array: [Element] { Array(UnsafeBufferPointer(start: base, count: storage.count)) }
}

// Copy-on-write keeps every write on storage no other copy sees, so copies may cross threads.
extension UncheckedArray: @unchecked Sendable where Element: Sendable {}
