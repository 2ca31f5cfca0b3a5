"""A MariaDB client session held open across steps (a transaction a test holds while xxgk works),
through the mariadb command-line client: statements go in on its standard input, and a step
returns once the client has printed the marker that follows them."""
import queue, subprocess, threading, time

from harness import Failure


class SqlSession:
    def __init__(self, *client_args):
        self.p = subprocess.Popen(["mariadb", *client_args, "-N", "-B", "--unbuffered", "xxgk"],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  text=True)
        self.lines, self.errors = queue.Queue(), []
        threading.Thread(target=self._read, args=(self.p.stdout, self.lines.put), daemon=True).start()
        threading.Thread(target=self._read, args=(self.p.stderr, self.errors.append), daemon=True).start()

    @staticmethod
    def _read(stream, put):
        for line in stream:
            put(line.rstrip("\n"))

    def send(self, sql, marker):
        """Sends sql, then a SELECT of marker, without waiting."""
        self.p.stdin.write(f"{sql}\nSELECT '{marker}';\n")
        self.p.stdin.flush()

    def wait(self, marker, timeout=30):
        """Returns once marker has been printed; fails with the client's errors if it never is."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            try:
                if self.lines.get(timeout=0.1) == marker:
                    return
            except queue.Empty:
                if self.p.poll() is not None and self.lines.empty():
                    break
        raise Failure(f"the SQL session did not reach {marker!r}: {' '.join(self.errors)}")

    def run(self, sql, marker):
        self.send(sql, marker)
        self.wait(marker)

    def close(self):
        try:
            self.p.stdin.close()
        except OSError:
            pass
        try:
            self.p.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.p.kill()
            self.p.wait()
