package dev.steadfast.it.wildfly;

import java.util.List;

/**
 * Stops a WildFly that an earlier, killed run of this module left running: a process whose arguments include
 * {@code -Djboss.home.dir=<this module's server>} exactly, found and stopped by its PID. Run by the build before the
 * server is unpacked again; a normal run finds none.
 */
public final class LeftOverServer {

    private LeftOverServer() {
    }

    public static void main(String[] args) {
        String home = "-Djboss.home.dir=" + java.nio.file.Path.of(args[0]).toAbsolutePath().normalize();
        List<ProcessHandle> leftOver = ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(a -> List.of(a).contains(home)).orElse(false))
                .toList();
        for (ProcessHandle p : leftOver) {
            System.out.println("Stopping WildFly left behind by an earlier run, PID " + p.pid());
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.onExit().join();
        }
    }
}
