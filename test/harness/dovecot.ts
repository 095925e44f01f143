import { spawnServer, startOnFreePort } from "./process.ts";
import { findBinary } from "./require.ts";

/** A throwaway IMAP server (dovecot) on 127.0.0.1 with one plaintext-login user. */
export interface DovecotServer {
  host: string;
  port: number;
  user: string;
  pass: string;
  /** Dovecot's own log so far (useful in assertion messages). */
  log(): Promise<string>;
  stop(): Promise<void>;
}

const NOBODY = { user: "nobody", group: "nogroup", uid: 65534, gid: 65534 };

/**
 * Start dovecot from a private config in a temp dir (maildir, passwd-file, static userdb, no
 * TLS). Dovecot refuses mail access as uid 0, so as root it runs as `nobody` via setpriv.
 */
export async function startDovecot(
  user = "agent@example.com",
  pass = "secret-pass",
): Promise<DovecotServer> {
  const binary = findBinary("dovecot", ["/usr/sbin/dovecot"]);
  if (!binary) throw new Error("dovecot not found (Debian package dovecot-imapd)");
  const root = Deno.uid() === 0;
  const setpriv = root ? findBinary("setpriv", ["/usr/bin/setpriv"]) : null;
  if (root && !setpriv) throw new Error("setpriv not found: needed to run dovecot as nobody");
  const owner = root ? NOBODY : currentUser();
  const readLog = (dir: string) => Deno.readTextFile(`${dir}/dovecot.log`).catch(() => "");
  const { port, dir, stop } = await startOnFreePort({
    name: "dovecot",
    spawn: async (port, dir) => {
      await writeConfig(dir, port, owner, user, pass);
      if (root) await chownTree(dir, owner.uid, owner.gid);
      const conf = `${dir}/dovecot.conf`;
      return root
        ? spawnServer(setpriv!, {
          args: [
            `--reuid=${owner.uid}`,
            `--regid=${owner.gid}`,
            "--clear-groups",
            binary,
            "-F",
            "-c",
            conf,
          ],
        })
        : spawnServer(binary, { args: ["-F", "-c", conf] });
    },
    ready: greeting,
    details: readLog,
  });
  return { host: "127.0.0.1", port, user, pass, log: () => readLog(dir), stop };
}

interface Owner {
  user: string;
  group: string;
  uid: number;
  gid: number;
}

function currentUser(): Owner {
  const id = (flag: string) =>
    new TextDecoder().decode(new Deno.Command("id", { args: [flag] }).outputSync().stdout).trim();
  return { user: id("-un"), group: id("-gn"), uid: Deno.uid()!, gid: Deno.gid()! };
}

async function writeConfig(dir: string, port: number, owner: Owner, user: string, pass: string) {
  for (const sub of ["run", "state", "mail", "home"]) {
    await Deno.mkdir(`${dir}/${sub}`, { recursive: true });
  }
  await Deno.writeTextFile(`${dir}/passwd`, `${user}:{PLAIN}${pass}::::::\n`);
  // Everything lives under `dir`; no service chroots or switches users (we are not root).
  await Deno.writeTextFile(
    `${dir}/dovecot.conf`,
    `protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
instance_name = dovecot-test-${port}
log_path = ${dir}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
# Tests check refused logins; the default 2 s penalty only slows them down.
auth_failure_delay = 0
default_internal_user = ${owner.user}
default_internal_group = ${owner.group}
default_login_user = ${owner.user}
first_valid_uid = ${owner.uid}
last_valid_uid = ${owner.uid}
mail_location = maildir:${dir}/mail/%u
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = static
  args = uid=${owner.uid} gid=${owner.gid} home=${dir}/home/%u
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
service auth-worker {
  user = ${owner.user}
}
`,
  );
}

async function chownTree(path: string, uid: number, gid: number): Promise<void> {
  await Deno.chown(path, uid, gid);
  if (!(await Deno.stat(path)).isDirectory) return;
  for await (const entry of Deno.readDir(path)) await chownTree(`${path}/${entry.name}`, uid, gid);
}

/** Read the IMAP greeting: dovecot is ready once it says `* OK`. */
async function greeting(port: number): Promise<void> {
  const conn = await Deno.connect({ hostname: "127.0.0.1", port });
  try {
    const buf = new Uint8Array(512);
    const n = await conn.read(buf);
    const text = new TextDecoder().decode(buf.subarray(0, n ?? 0));
    if (!text.startsWith("* OK")) {
      throw new Error(`unexpected IMAP greeting ${JSON.stringify(text)}`);
    }
  } finally {
    conn.close();
  }
}
