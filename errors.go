package occubias

import "errors"

var (
	// ErrUnknownFormat is returned when a dataset's record format cannot be
	// detected from its content and no format was given.
	ErrUnknownFormat = errors.New("unknown dataset format")

	// ErrMalformedRecord wraps a record that does not parse in its container
	// (JSON syntax, CSV quoting) or does not have the shape of its format.
	ErrMalformedRecord = errors.New("malformed record")

	// ErrInvalidUTF8 is returned for a record whose bytes are not valid UTF-8.
	// Instruction text is always UTF-8; silently replacing bytes would change
	// what is classified.
	ErrInvalidUTF8 = errors.New("invalid UTF-8")

	// ErrRecordTooLarge is returned when one record exceeds
	// ReadOptions.MaxRecordBytes, so that an untrusted file cannot make the
	// reader allocate without bound.
	ErrRecordTooLarge = errors.New("record too large")

	// ErrTruncated is returned when the input ends inside a record or before
	// a JSON array is closed.
	ErrTruncated = errors.New("unexpected end of input")

	// ErrUnknownRole is returned for a conversation turn whose speaker is not
	// one of the known user, assistant or system names.
	ErrUnknownRole = errors.New("unknown conversation role")

	// ErrMissingField is returned when a generic record lacks a chosen text
	// field, or a format's required field is absent.
	ErrMissingField = errors.New("missing field")
)
