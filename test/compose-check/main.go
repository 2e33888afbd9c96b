// Command compose-check loads a compose file the way `docker compose` does (compose-go: the
// Compose Specification's JSON schema, interpolation from an env file, profiles, normalization
// and consistency checks) and prints the resolved project as JSON, or the error and exit code 1.
//
//	compose-check -f docker-compose.yml -env-file deploy/.env.example [-profile dev]...
//
// test/compose.test.ts builds and runs it: there is no Docker engine or compose plugin in CI.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/compose-spec/compose-go/v2/cli"
)

type list []string

func (l *list) String() string     { return strings.Join(*l, ",") }
func (l *list) Set(v string) error { *l = append(*l, v); return nil }

func main() {
	file := flag.String("f", "docker-compose.yml", "the compose file")
	envFile := flag.String("env-file", "", "the env file to interpolate from (instead of .env); the process environment is not read")
	var profiles list
	flag.Var(&profiles, "profile", "a profile to enable (repeatable)")
	flag.Parse()

	options := []cli.ProjectOptionsFn{cli.WithName("tideway"), cli.WithProfiles(profiles)}
	if *envFile != "" {
		options = append(options, cli.WithEnvFiles(*envFile), cli.WithDotEnv)
	}
	opts, err := cli.NewProjectOptions([]string{*file}, options...)
	if err != nil {
		fail(err)
	}
	project, err := opts.LoadProject(context.Background())
	if err != nil {
		fail(err)
	}
	out, err := project.MarshalJSON()
	if err != nil {
		fail(err)
	}
	os.Stdout.Write(out)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}
