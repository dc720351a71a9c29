// Command occubias measures occupational bias in instruction-tuning data.
//
// It is a thin layer over the github.com/occubias/occubias packages: every
// subcommand parses flags, calls the library and prints its result.
//
// Exit status: 0 on success, 1 when the work failed (a malformed file under
// the strict policy, an unreadable model), 2 on a usage error, 130 when
// interrupted (Ctrl-C or SIGTERM) after closing what was written.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	// Ctrl-C and SIGTERM cancel the context: commands stop reading, close
	// what they have written (Parquet and Arrow footers included) and say
	// what was completed.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := runContext(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// usageError marks errors in how the command was called (exit status 2).
type usageError struct{ err error }

func (u usageError) Error() string { return u.err.Error() }
func (u usageError) Unwrap() error { return u.err }

// run executes the command line args and returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return runContext(context.Background(), args, stdin, stdout, stderr)
}

// exitInterrupted is the status of a command stopped by Ctrl-C or SIGTERM.
const exitInterrupted = 130

func runContext(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	root := newRootCommand()
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return 0
	}
	var u usageError
	switch {
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(stderr, "occubias: interrupted")
		return exitInterrupted
	case errors.As(err, &u):
		fmt.Fprintln(stderr, "occubias:", err)
		return 2
	}
	fmt.Fprintln(stderr, "occubias:", err)
	return 1
}
