package io.microevents;

/** Display names of jobs; package-private helper of {@link Job}. */
final class JobNames {

    private JobNames() {
    }

    static String nameOf(Object job) {
        Class<?> type = job.getClass();
        if (job instanceof NamedJob || overridesToString(type)) {
            return job.toString();
        }
        String name = type.getName();
        int lambda = name.indexOf("$$Lambda");
        if (lambda >= 0) {
            String owner = name.substring(0, lambda);
            return owner.substring(owner.lastIndexOf('.') + 1) + "::lambda";
        }
        return type.getSimpleName().isEmpty() ? name : type.getSimpleName();
    }

    private static boolean overridesToString(Class<?> type) {
        try {
            return type.getMethod("toString").getDeclaringClass() != Object.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /** A job with a name of its own. */
    record NamedJob(String name, Job job) implements Job {
        @Override
        public void run(Object... args) throws Exception {
            job.run(args);
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
