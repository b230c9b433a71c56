package io.microevents;

/** Display names of jobs; package-private helper of {@link Job}. */
final class JobNames {

    /**
     * The name each class gives its instances: null for a class that overrides {@code toString()}
     * (each instance is asked), else the lambda owner or simple name. Reflection once per class.
     */
    private static final ClassValue<String> CLASS_NAMES = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            return overridesToString(type) ? null : nameOfClass(type);
        }
    };

    private JobNames() {
    }

    static String nameOf(Object job) {
        if (job instanceof NamedJob || job instanceof RunnableJob) {
            return job.toString();
        }
        String name = CLASS_NAMES.get(job.getClass());
        return name != null ? name : job.toString();
    }

    private static String nameOfClass(Class<?> type) {
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

    /** A {@link Runnable} as a job that ignores its arguments: one object per adapted runnable. */
    record RunnableJob(String name, Runnable runnable) implements Job {
        @Override
        public void run(Object... args) {
            runnable.run();
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
