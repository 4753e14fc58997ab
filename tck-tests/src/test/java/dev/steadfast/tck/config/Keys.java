package dev.steadfast.tck.config;

/** The config keys of {@code docs/configuration.md}, spelled once. */
final class Keys {

    private Keys() {
    }

    static String method(Class<?> beanClass, String method, String annotationAndMember) {
        return "steadfast.\"" + beanClass.getName() + "/" + method + "\"." + annotationAndMember;
    }

    static String type(Class<?> beanClass, String annotationAndMember) {
        return "steadfast.\"" + beanClass.getName() + "\"." + annotationAndMember;
    }

    static String global(String annotationAndMember) {
        return "steadfast.global." + annotationAndMember;
    }
}
