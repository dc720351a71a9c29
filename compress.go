package occubias

import (
	"io"

	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"
)

// maxZstdWindow bounds the memory a zstd frame may ask for; 128 MiB covers
// every level of the zstd command line short of --long=28 and beyond.
const maxZstdWindow = 128 << 20

func gzipReader(r io.Reader) (io.Reader, func() error, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, nil, err
	}
	return zr, zr.Close, nil
}

func zstdReader(r io.Reader) (io.Reader, func() error, error) {
	zr, err := zstd.NewReader(r, zstd.WithDecoderMaxWindow(maxZstdWindow), zstd.WithDecoderMaxMemory(1<<30), zstd.WithDecoderConcurrency(1))
	if err != nil {
		return nil, nil, err
	}
	return zr, func() error { zr.Close(); return nil }, nil
}
