/// An error that carries a sentence a person can act on; the executable prints it as one line.
public protocol UserFacingError: Error {
    var message: String { get }
}
