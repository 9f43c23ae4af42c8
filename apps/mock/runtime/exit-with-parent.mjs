// Preloaded into the Prism process (`node --import`). The mock starts Prism in its own process
// group so that one signal stops Prism and anything it forks. The flip side: if the mock dies
// without stopping it (SIGKILL, a crash), nobody would. So Prism watches for that itself: the
// mock holds the write end of Prism's stdin, which the kernel closes when the mock dies; a
// liveness poll on the parent covers the case where the pipe is somehow kept open.
const parentPid = process.ppid;

function stopOwnGroup() {
  try {
    process.kill(-process.pid, 'SIGKILL');
  } catch {
    process.exit(1);
  }
}

process.stdin.on('end', stopOwnGroup);
process.stdin.on('error', stopOwnGroup);
process.stdin.resume();

setInterval(() => {
  try {
    process.kill(parentPid, 0);
  } catch (error) {
    if (error.code === 'ESRCH') stopOwnGroup();
  }
}, 1000).unref();
