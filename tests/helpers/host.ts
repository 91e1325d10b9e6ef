/** Calls the API of a web host process started by startWebHostProcess (tests/helpers/browser.ts). */
export function hostApi(url: string): (name: string, input: unknown) => Promise<{ ok: boolean; value?: any; error?: { code: string; message: string } }> {
  const u = new URL(url);
  const token = u.searchParams.get('token') ?? '';
  return async (name, input) => {
    const r = await fetch(`${u.origin}/api/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-PlanDesk-Token': token }, body: JSON.stringify(input) });
    return (await r.json()) as { ok: boolean; value?: any; error?: { code: string; message: string } };
  };
}

/** Stops a child process and waits until it has exited. */
export async function stopChild(child: import('node:child_process').ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((done) => {
    child.once('exit', () => done());
    child.kill('SIGTERM');
  });
}
