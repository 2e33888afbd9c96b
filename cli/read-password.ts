/**
 * A password for the users command: from `TIDEWAY_USER_PASSWORD`, else typed at a terminal (not
 * echoed, asked twice), else the first line of stdin (`… < file`, a pipe). Never from the command
 * line, where `ps` and the shell's history would show it.
 */
export async function readPassword(prompt: string, env = process.env, stdin = process.stdin): Promise<string> {
  if (env.TIDEWAY_USER_PASSWORD) return env.TIDEWAY_USER_PASSWORD;
  if (!stdin.isTTY) {
    let text = '';
    for await (const chunk of stdin) text += String(chunk);
    return text.split(/\r?\n/)[0] ?? '';
  }
  const first = await typeHidden(`${prompt}: `);
  const again = await typeHidden('Again: ');
  if (first !== again) throw new Error('the two passwords differ');
  return first;
}

/** Reads one line at the terminal without echoing it. */
function typeHidden(question: string): Promise<string> {
  const { stdin, stdout } = process;
  stdout.write(question);
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  return new Promise((resolve, reject) => {
    let typed = '';
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n' || char === '\u0003') {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off('data', onData);
          stdout.write('\n');
          if (char === '\u0003') reject(new Error('cancelled'));
          else resolve(typed);
          return;
        }
        typed = char === '\u007f' || char === '\b' ? [...typed].slice(0, -1).join('') : typed + char;
      }
    };
    stdin.on('data', onData);
  });
}
