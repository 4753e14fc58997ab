package dev.steadfast.guard;

import java.io.IOException;
import java.io.InputStream;

/**
 * A class loader that defines the classes of one package itself, from the test's class files, and delegates every
 * other class to its parent: an application deployed beside a shared Steadfast jar, which can be thrown away.
 */
final class ThrowawayLoader extends ClassLoader {

    private final String prefix;

    ThrowawayLoader(String name, String packageName, ClassLoader parent) {
        super(name, parent);
        this.prefix = packageName + ".";
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!name.startsWith(prefix)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                String resource = name.replace('.', '/') + ".class";
                try (InputStream in = getParent().getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new ClassNotFoundException(name);
                    }
                    byte[] bytes = in.readAllBytes();
                    c = defineClass(name, bytes, 0, bytes.length);
                } catch (IOException e) {
                    throw new ClassNotFoundException(name, e);
                }
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }
}
