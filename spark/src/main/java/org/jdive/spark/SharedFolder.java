package org.jdive.spark;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkEnv;
import org.apache.spark.deploy.SparkHadoopUtil;

/**
 * A run folder on a Hadoop file system (HDFS, S3A, the local one...): the committed one, {@code <run>}, or an
 * attempt's, {@code <run>.attempt-<n>}, which the attempt replaces whole at each of its checkpoints.
 */
record SharedFolder(FileSystem fs, Path path) {

    private static final Pattern NUMBERED = Pattern.compile("\\d{12}\\.state");

    /** The folder {@code relative} (names separated by {@code /}) under {@code base}. */
    static SharedFolder at(URI base, String relative) throws IOException {
        Path path = new Path(new Path(base), relative);
        return new SharedFolder(path.getFileSystem(hadoopConfiguration()), path);
    }

    /**
     * The Hadoop configuration of this JVM's Spark: its {@code spark.hadoop.*} settings (e.g. {@code fs.s3a.*} given
     * with {@code --conf} or in spark-defaults.conf) over the {@code core-site.xml} of the class path.
     */
    static Configuration hadoopConfiguration() {
        SparkEnv env = SparkEnv.get();
        return env != null ? SparkHadoopUtil.get().newConfiguration(env.conf()) : new Configuration();
    }

    /** The folder beside this one named as this one plus {@code suffix}. */
    SharedFolder sibling(String suffix) {
        return new SharedFolder(fs, new Path(path.getParent(), path.getName() + suffix));
    }

    boolean exists() throws IOException {
        return fs.exists(path);
    }

    /** The budget units of the folder's latest numbered checkpoint; 0 with none, -1 when the folder is not there. */
    long units() throws IOException {
        if (!exists()) {
            return -1;
        }
        try {
            long units = 0;
            for (FileStatus f : fs.listStatus(new Path(path, "checkpoints"))) {
                String name = f.getPath().getName();
                if (NUMBERED.matcher(name).matches()) {
                    units = Math.max(units, Long.parseLong(name.substring(0, 12)));
                }
            }
            return units;
        } catch (FileNotFoundException noCheckpoints) {
            return 0;
        }
    }

    /** The attempt folders beside this run folder, {@code <run>.attempt-<n>}. */
    List<SharedFolder> attempts() throws IOException {
        Pattern attempt = Pattern.compile(Pattern.quote(path.getName()) + "\\.attempt-\\d+");
        List<SharedFolder> found = new ArrayList<>();
        if (fs.exists(path.getParent())) {
            for (FileStatus f : fs.listStatus(path.getParent())) {
                if (f.isDirectory() && attempt.matcher(f.getPath().getName()).matches()) {
                    found.add(new SharedFolder(fs, f.getPath()));
                }
            }
        }
        return found;
    }

    /** Copies the folder to {@code local}, which must not exist. */
    void download(java.nio.file.Path local) throws IOException {
        fs.copyToLocalFile(false, path, new Path(local.toUri()), true);
    }

    /**
     * Replaces the folder with a copy of {@code local}: written whole beside it first, so that a worker that dies on
     * the way leaves this folder as it was, or missing, never half written.
     */
    void upload(java.nio.file.Path local) throws IOException {
        SharedFolder partial = sibling(".partial");
        partial.delete();
        fs.copyFromLocalFile(false, true, new Path(local.toUri()), partial.path);
        delete();
        if (!fs.rename(partial.path, path)) {
            throw new IOException("could not rename " + partial.path + " to " + path);
        }
    }

    /**
     * Renames this folder to {@code target}; false, with this folder gone, when {@code target} exists already (another
     * attempt committed first).
     */
    boolean renameTo(SharedFolder target) throws IOException {
        if (target.exists()) {
            delete();
            return false;
        }
        if (!fs.rename(path, target.path)) {
            if (!target.exists()) {
                throw new IOException("could not rename " + path + " to " + target.path);
            }
            delete();
            return false;
        }
        // Hadoop's rename moves a folder into a folder that appeared meanwhile: then that one came first.
        Path nested = new Path(target.path, path.getName());
        if (fs.exists(nested)) {
            fs.delete(nested, true);
            return false;
        }
        return true;
    }

    void delete() throws IOException {
        fs.delete(path, true);
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
