package io.riskgate.server.dashboard;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium driven by Selenium, using Debian's {@code chromium} and {@code chromium-driver}
 * packages (installed by {@code .ci/run}), with a fresh profile directory; screenshots go to {@code
 * target/screenshots/}.
 */
public final class Browser implements AutoCloseable {
  /** The Chromium binary. */
  public static final String CHROMIUM = "/usr/bin/chromium";

  /** Its WebDriver. */
  public static final String CHROMEDRIVER = "/usr/bin/chromedriver";

  private final Path profile;
  public final ChromeDriver driver;

  public Browser() throws IOException {
    if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
      throw new IllegalStateException(
          "browser tests need "
              + CHROMIUM
              + " and "
              + CHROMEDRIVER
              + ": apt-get install -y chromium chromium-driver (.ci/run does)");
    }
    profile = Files.createTempDirectory("riskgate-chromium-");
    final ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--window-size=1440,1000",
        "--user-data-dir=" + profile);
    final ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER))
            .usingAnyFreePort()
            .build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
  }

  /** Saves a PNG of the page as {@code target/screenshots/<name>.png} and returns its path. */
  public Path screenshot(String name) throws IOException {
    final Path dir = Path.of("target", "screenshots");
    Files.createDirectories(dir);
    final Path target = dir.resolve(name + ".png");
    final File file = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
    Files.copy(file.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    return target;
  }

  @Override
  public void close() throws IOException {
    try {
      driver.quit();
    } finally {
      try (var files = Files.walk(profile)) {
        files
            .sorted(java.util.Comparator.reverseOrder())
            .forEach(
                p -> {
                  try {
                    Files.deleteIfExists(p);
                  } catch (IOException e) {
                    // A profile file Chromium still holds is left for the OS's temp cleaner.
                  }
                });
      }
    }
  }
}
