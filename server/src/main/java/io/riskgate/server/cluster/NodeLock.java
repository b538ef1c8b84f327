package io.riskgate.server.cluster;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The lock a node with the journal on Kafka holds on its data directory ({@code node.lock}) while
 * it runs: with no journal files to lock, it keeps a second node from using the same snapshots and
 * audit trail, and tells {@code riskgate audit rebuild} that the node runs.
 */
public final class NodeLock implements AutoCloseable {
  /** The lock file's name in the data directory. */
  public static final String FILE = "node.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private NodeLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock of {@code dataDirectory} (created when missing).
   *
   * @throws IllegalStateException when a running node holds it
   */
  public static NodeLock acquire(Path dataDirectory) throws IOException {
    Files.createDirectories(dataDirectory);
    final Path file = dataDirectory.resolve(FILE);
    final FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    final FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      channel.close();
      throw new IllegalStateException(
          "the data directory " + dataDirectory + " is in use by a node in this process");
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    if (lock == null) {
      channel.close();
      throw new IllegalStateException(
          "the data directory "
              + dataDirectory
              + " is in use by a running node (it holds "
              + file
              + "); stop it first");
    }
    return new NodeLock(channel, lock);
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }
}
