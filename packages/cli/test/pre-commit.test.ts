import { execFileSync, type SpawnSyncReturns, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join, sep } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const repo = join(import.meta.dirname, "../../..");
const manifest = join(repo, ".pre-commit-hooks.yaml");

/** The hook's `files` pattern; pre-commit's Python regular expression, whose (?i) prefix JavaScript writes as a flag. */
function hookFilesPattern(): RegExp {
  const pattern = /^\s+files:\s*(.+?)\s*$/m.exec(readFileSync(manifest, "utf8"))?.[1];
  if (!pattern) throw new Error(".pre-commit-hooks.yaml has no files: pattern");
  return pattern.startsWith("(?i)") ? new RegExp(pattern.slice(4), "i") : new RegExp(pattern);
}

describe("the smtpcfg-lint hook's file selection", () => {
  const files = hookFilesPattern();

  it.each([
    "smtpcfg.yaml",
    "smtpcfg.yml",
    "prod.smtpcfg.yaml",
    "configs/eu.smtpcfg.yml",
    "SMTPCFG.YAML",
    "notificationSettings.xml",
    "pom.xml",
    "omada/Settings.XML",
    "scripts/Register-App.ps1",
    "Smtp.psm1",
    "Smtp.psd1",
  ])("hands %s to smtpcfg", (name) => {
    expect(files.test(name)).toBe(true);
  });

  it.each(["docker-compose.yml", ".github/workflows/ci.yaml", "mysmtpcfg.yaml", "smtpcfg.yaml.bak", "smtpcfg.json", "notes.ps1.txt"])(
    "leaves %s alone",
    (name) => {
      expect(files.test(name)).toBe(false);
    },
  );
});

const CLEAN_NOTIFICATION_SETTINGS = `<?xml version="1.0" encoding="utf-8"?>
<notificationSettings xmlns="http://schemas.omada.net/ois/2022/NotificationSettingsML">
  <smtp>
    <network host="smtp.office365.com" port="587" secureSocketOptions="StartTls">
      <azureAdClientCredentials
        instance="https://login.microsoftonline.com"
        clientId="7a83471e-a8c7-4c06-8120-77b9aa56fa04"
        clientSecret="{{CLIENT_SECRET}}"
        tenantId="2487abfa-47fc-4f60-8af4-2b857b17432c"
        userName="omada-notify@contoso.com"
        scopes="https://outlook.office365.com/.default" />
    </network>
  </smtp>
</notificationSettings>
`;
// Other XML in a repository: --skip-unrecognized passes over it.
const POM = `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion></project>
`;

const work = mkdtempSync(join(tmpdir(), "smtpcfg-pre-commit-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/**
 * What a developer's shell would have: none of the variables npm and vitest set for this test run
 * (nor the node_modules/.bin folders they put on PATH), no git configuration of the person running
 * the tests, and a pre-commit cache of its own.
 */
function developerEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!/^(npm_|VITEST|GIT_|PRE_COMMIT)|^(NODE_ENV|INIT_CWD|TEST)$/i.test(name)) env[name] = value;
  }
  const path = (env.PATH ?? "").split(delimiter).filter((dir) => !dir.includes(`node_modules${sep}.bin`) && !dir.includes("node-gyp-bin"));
  return {
    ...env,
    PATH: path.join(delimiter),
    PRE_COMMIT_HOME: join(work, "pre-commit-cache"),
    SMTPCFG_CACHE_DIR: join(work, "smtpcfg-cache"),
    GIT_CONFIG_GLOBAL: join(work, "gitconfig"),
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_AUTHOR_NAME: "Test",
    GIT_AUTHOR_EMAIL: "test@example.com",
    GIT_COMMITTER_NAME: "Test",
    GIT_COMMITTER_EMAIL: "test@example.com",
  };
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): SpawnSyncReturns<string> & { seconds: number } {
  const started = performance.now();
  const result = spawnSync(command, args, { cwd, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  if (result.error) throw result.error;
  return Object.assign(result, { seconds: (performance.now() - started) / 1000 });
}

/** The committed state of a file, not what someone is editing in the working tree. */
const committed = (path: string) => execFileSync("git", ["show", `HEAD:${path}`], { cwd: repo, encoding: "utf8" });

describe("the smtpcfg-lint hook run by pre-commit", () => {
  it("installs itself from this repository's last commit, lets a clean commit through and stops one with findings", () => {
    const version = spawnSync("pre-commit", ["--version"], { encoding: "utf8" });
    if (version.error) {
      throw new Error(
        `pre-commit is not on PATH (${version.error.message}), and this test runs the hook through it: install it (Debian: apt-get install pre-commit; elsewhere: pipx install pre-commit). CI's .ci/run installs it.`,
      );
    }
    const env = developerEnv();
    writeFileSync(env.GIT_CONFIG_GLOBAL as string, "[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n");
    const validated = run("pre-commit", ["validate-manifest", manifest], repo, env);
    expect(validated.stdout + validated.stderr).toBe("");
    expect(validated.status).toBe(0);

    // pre-commit clones the hook repository at a commit itself, so the working tree, which others
    // may be editing, is neither read nor touched: the hook is what HEAD holds.
    const rev = execFileSync("git", ["rev-parse", "HEAD"], { cwd: repo, encoding: "utf8" }).trim();
    const project = join(work, "project");
    mkdirSync(project);
    const git = (...args: string[]) => run("git", args, project, env);
    expect(git("init", "--quiet").status).toBe(0);
    writeFileSync(
      join(project, ".pre-commit-config.yaml"),
      `repos:\n  - repo: ${JSON.stringify(repo)}\n    rev: ${rev}\n    hooks:\n      - id: smtpcfg-lint\n`,
    );
    writeFileSync(join(project, "smtpcfg.yaml"), committed("examples/smtpcfg.yaml"));
    mkdirSync(join(project, "omada"));
    writeFileSync(join(project, "omada/notificationSettings.xml"), CLEAN_NOTIFICATION_SETTINGS);
    writeFileSync(join(project, "pom.xml"), POM);
    const installed = run("pre-commit", ["install"], project, env);
    expect(installed.status, installed.stderr).toBe(0);

    // First run: pre-commit clones this repository, and the hook installs and builds the CLI there.
    git("add", "--all");
    const clean = git("commit", "--quiet", "-m", "clean");
    expect(clean.stdout + clean.stderr).toMatch(/^smtpcfg lint\.+Passed$/m);
    expect(clean.status, clean.stdout + clean.stderr).toBe(0);
    const cache = env.PRE_COMMIT_HOME as string;
    const clones = readdirSync(cache).filter((name) => name.startsWith("repo"));
    expect(clones.some((clone) => existsSync(join(cache, clone, "node_modules/.smtpcfg-hook-ready")))).toBe(true);

    // Second run: the built CLI at once; the broken config's findings, and no commit.
    writeFileSync(join(project, "prod.smtpcfg.yaml"), committed("examples/broken/smtpcfg.yaml"));
    git("add", "prod.smtpcfg.yaml");
    const broken = git("commit", "--quiet", "-m", "broken");
    const output = broken.stdout + broken.stderr;
    expect(broken.status, output).not.toBe(0);
    expect(output).toMatch(/^smtpcfg lint\.+Failed$/m);
    expect(output).toContain("- exit code: 1");
    expect(output).toMatch(/^prod\.smtpcfg\.yaml$/m);
    expect(output).toMatch(/error .*object-id-confusion/);
    expect(output).not.toContain("first run");
    expect(git("rev-list", "--count", "HEAD").stdout.trim()).toBe("1");
  }, 300_000); // The first run installs the workspace's locked dependencies and builds the CLI.
});
