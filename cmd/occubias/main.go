// Command occubias measures occupational bias in instruction-tuning data.
//
// It is a thin layer over the github.com/occubias/occubias packages: every
// subcommand parses flags, calls the library and prints its result.
//
// Exit status: 0 on success, 1 when the work failed (a malformed file under
// the strict policy, an unreadable model), 2 on a usage error.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// usageError marks errors in how the command was called (exit status 2).
type usageError struct{ err error }

func (u usageError) Error() string { return u.err.Error() }
func (u usageError) Unwrap() error { return u.err }

// run executes the command line args and returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	root := newRootCommand()
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.Execute()
	if err == nil {
		return 0
	}
	fmt.Fprintln(stderr, "occubias:", err)
	var u usageError
	if errors.As(err, &u) {
		return 2
	}
	return 1
}
