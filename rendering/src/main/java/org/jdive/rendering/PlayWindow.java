package org.jdive.rendering;

import static org.lwjgl.glfw.GLFW.*;
import static org.lwjgl.opengl.GL33C.*;
import static org.lwjgl.system.MemoryUtil.NULL;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.jdive.envs.Frame;
import org.jdive.rendering.overlay.ShapeBatch;
import org.jdive.rendering.play.Command;
import org.jdive.rendering.play.HumanControls;
import org.jdive.rendering.play.PlaySession;
import org.jdive.rendering.play.Scene;
import org.jdive.rendering.record.Images;
import org.joml.Matrix4f;
import org.lwjgl.BufferUtils;
import org.lwjgl.glfw.GLFWErrorCallback;
import org.lwjgl.glfw.GLFWKeyCallback;
import org.lwjgl.opengl.GL;

/**
 * A GLFW window (OpenGL 3.3 core, resizable, vsync) showing a {@link Scene}: the env frame as a texture scaled
 * with nearest-neighbour filtering and its aspect ratio kept, the frame layer (value overlay) over it, and the
 * screen layer (HUD, Q-value bars, returns curve) on top. Keys are those of {@link KeyBindings}.
 *
 * <p>Everything it draws is computed by the headless classes; this class only uploads and draws. Use it from
 * one thread (GLFW wants the main thread on some systems).
 */
public final class PlayWindow implements AutoCloseable {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");
    private static final float BAR_GRAY = 0x20 / 255f;

    private final Scene scene;
    private final KeyBindings keys;
    private final Path screenshotFolder;
    private final long window;
    private final GLFWKeyCallback keyCallback;
    private final GlPrograms programs;
    private final int texture;
    private final int quadVao;
    private final int quadVbo;
    private final int shapeVao;
    private final int shapeVbo;
    private final FloatBuffer matrix = BufferUtils.createFloatBuffer(16);
    private final ShapeBatch frameShapes = new ShapeBatch();
    private final ShapeBatch screenShapes = new ShapeBatch();
    private int textureWidth = -1;
    private int textureHeight = -1;
    private ByteBuffer upload = BufferUtils.createByteBuffer(3);
    private double lastTime;
    private Path lastScreenshot;

    private PlayWindow(Scene scene, int width, int height, String title, Path screenshotFolder) {
        this.scene = scene;
        this.keys = new KeyBindings(scene.session().policy() instanceof HumanControls);
        this.screenshotFolder = screenshotFolder;
        DisplayUnavailableException.requireDisplay();
        GLFWErrorCallback.createPrint(System.err).set();
        if (!glfwInit()) {
            throw new DisplayUnavailableException("GLFW could not initialise (no usable display on "
                    + System.getenv("DISPLAY") + ")");
        }
        glfwDefaultWindowHints();
        glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
        glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
        glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
        glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
        glfwWindowHint(GLFW_RESIZABLE, GLFW_TRUE);
        window = glfwCreateWindow(width, height, title, NULL, NULL);
        if (window == NULL) {
            glfwTerminate();
            glfwSetErrorCallback(null).free();
            throw new DisplayUnavailableException("GLFW could not open an OpenGL 3.3 core window");
        }
        glfwMakeContextCurrent(window);
        glfwSwapInterval(1);
        GL.createCapabilities();
        keyCallback = GLFWKeyCallback.create((w, key, scancode, action, mods) ->
                keys.handle(scene.session(), key, action));
        glfwSetKeyCallback(window, keyCallback);

        programs = new GlPrograms();
        texture = glGenTextures();
        glBindTexture(GL_TEXTURE_2D, texture);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
        glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
        glPixelStorei(GL_PACK_ALIGNMENT, 1);

        quadVao = glGenVertexArrays();
        quadVbo = glGenBuffers();
        glBindVertexArray(quadVao);
        glBindBuffer(GL_ARRAY_BUFFER, quadVbo);
        glVertexAttribPointer(0, 2, GL_FLOAT, false, 4 * Float.BYTES, 0);
        glVertexAttribPointer(1, 2, GL_FLOAT, false, 4 * Float.BYTES, 2 * Float.BYTES);
        glEnableVertexAttribArray(0);
        glEnableVertexAttribArray(1);

        shapeVao = glGenVertexArrays();
        shapeVbo = glGenBuffers();
        glBindVertexArray(shapeVao);
        glBindBuffer(GL_ARRAY_BUFFER, shapeVbo);
        int stride = ShapeBatch.FLOATS_PER_VERTEX * Float.BYTES;
        glVertexAttribPointer(0, 2, GL_FLOAT, false, stride, 0);
        glVertexAttribPointer(1, 4, GL_FLOAT, false, stride, 2 * Float.BYTES);
        glEnableVertexAttribArray(0);
        glEnableVertexAttribArray(1);
        glBindVertexArray(0);

        glEnable(GL_BLEND);
        glBlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA);
        lastTime = glfwGetTime();
    }

    /**
     * Opens a window of {@code width x height} pixels for {@code scene}; screenshots (S) go to
     * {@code screenshotFolder}.
     *
     * @throws DisplayUnavailableException where there is no display, with what to do instead
     */
    public static PlayWindow open(Scene scene, int width, int height, String title, Path screenshotFolder) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("window size must be positive, got " + width + "x" + height);
        }
        return new PlayWindow(scene, width, height, title, screenshotFolder);
    }

    /** Runs until the viewer quits (Esc or closing the window). */
    public void run() {
        while (nextFrame()) {
            // each call polls, steps, draws and swaps
        }
    }

    /**
     * One frame: handles input, lets the session step for the time since the last frame, draws, takes a
     * requested screenshot and swaps buffers. Returns false once the viewer has asked to quit.
     */
    public boolean nextFrame() {
        glfwPollEvents();
        if (glfwWindowShouldClose(window)) {
            scene.session().apply(Command.QUIT);
        }
        double now = glfwGetTime();
        scene.session().update(now - lastTime);
        lastTime = now;
        draw();
        if (scene.session().takeScreenshotRequest()) {
            saveScreenshot();
        }
        glfwSwapBuffers(window);
        return !scene.session().quitRequested();
    }

    /** Draws the current state into the back buffer (without swapping). */
    public void draw() {
        scene.consumeSweepShift();
        int[] fbWidth = new int[1];
        int[] fbHeight = new int[1];
        glfwGetFramebufferSize(window, fbWidth, fbHeight);
        int w = fbWidth[0];
        int h = fbHeight[0];
        glViewport(0, 0, w, h);
        glClearColor(BAR_GRAY, BAR_GRAY, BAR_GRAY, 1);
        glClear(GL_COLOR_BUFFER_BIT);
        if (w == 0 || h == 0) {
            return; // minimised
        }
        Frame frame = scene.session().env().render();
        uploadFrame(frame);
        Viewport view = Viewport.fit(frame.width(), frame.height(), w, h);
        Matrix4f screen = new Matrix4f().ortho(0, w, h, 0, -1, 1);
        Matrix4f frameSpace = new Matrix4f(screen).translate(view.x(), view.y(), 0).scale(view.scale(), view.scale(), 1);

        glUseProgram(programs.textured);
        glUniformMatrix4fv(programs.texturedProjection, false, frameSpace.get(matrix));
        glBindTexture(GL_TEXTURE_2D, texture);
        glBindVertexArray(quadVao);
        glBindBuffer(GL_ARRAY_BUFFER, quadVbo);
        float fw = frame.width();
        float fh = frame.height();
        glBufferData(GL_ARRAY_BUFFER, new float[] {0, 0, 0, 0, fw, 0, 1, 0, fw, fh, 1, 1,
                0, 0, 0, 0, fw, fh, 1, 1, 0, fh, 0, 1}, GL_STREAM_DRAW);
        glDrawArrays(GL_TRIANGLES, 0, 6);

        drawShapes(scene.frameLayer(frameShapes), frameSpace);
        drawShapes(scene.screenLayer(w, h, screenShapes), screen);
        glBindVertexArray(0);
    }

    private void uploadFrame(Frame frame) {
        byte[] rgb = frame.rgb();
        if (upload.capacity() < rgb.length) {
            upload = BufferUtils.createByteBuffer(rgb.length);
        }
        upload.clear();
        upload.put(rgb).flip();
        glBindTexture(GL_TEXTURE_2D, texture);
        if (frame.width() != textureWidth || frame.height() != textureHeight) {
            glTexImage2D(GL_TEXTURE_2D, 0, GL_RGB8, frame.width(), frame.height(), 0, GL_RGB, GL_UNSIGNED_BYTE, upload);
            textureWidth = frame.width();
            textureHeight = frame.height();
        } else {
            glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, frame.width(), frame.height(), GL_RGB, GL_UNSIGNED_BYTE, upload);
        }
    }

    private void drawShapes(ShapeBatch shapes, Matrix4f projection) {
        if (shapes.triangleCount() == 0) {
            return;
        }
        glUseProgram(programs.shapes);
        glUniformMatrix4fv(programs.shapesProjection, false, projection.get(matrix));
        glBindVertexArray(shapeVao);
        glBindBuffer(GL_ARRAY_BUFFER, shapeVbo);
        glBufferData(GL_ARRAY_BUFFER, shapes.vertexData(), GL_STREAM_DRAW);
        glDrawArrays(GL_TRIANGLES, 0, shapes.triangleCount() * 3);
    }

    /** The back buffer as a frame, top row first (call after {@link #draw()}). */
    public Frame readPixels() {
        int[] fbWidth = new int[1];
        int[] fbHeight = new int[1];
        glfwGetFramebufferSize(window, fbWidth, fbHeight);
        int w = fbWidth[0];
        int h = fbHeight[0];
        ByteBuffer pixels = BufferUtils.createByteBuffer(w * h * 3);
        glReadPixels(0, 0, w, h, GL_RGB, GL_UNSIGNED_BYTE, pixels);
        byte[] rgb = new byte[w * h * 3];
        for (int row = 0; row < h; row++) { // OpenGL's rows start at the bottom
            pixels.get((h - 1 - row) * w * 3, rgb, row * w * 3, w * 3);
        }
        return new Frame(w, h, rgb);
    }

    private void saveScreenshot() {
        String name = "jdive-" + scene.session().envId().replaceAll("[^A-Za-z0-9.-]", "_") + "-"
                + LocalDateTime.now().format(STAMP) + ".png";
        Path target = screenshotFolder.resolve(name);
        try {
            Images.writePng(readPixels(), target);
        } catch (IOException e) {
            throw new UncheckedIOException("could not save the screenshot to " + target, e);
        }
        lastScreenshot = target;
        System.out.println("screenshot saved: " + target);
    }

    /** The file of the last screenshot taken, or null. */
    public Path lastScreenshot() {
        return lastScreenshot;
    }

    /** Passes a key event through the window's GLFW key callback, exactly as GLFW delivers one. */
    public void injectKey(int key, int action) {
        keyCallback.invoke(window, key, glfwGetKeyScancode(key), action, 0);
    }

    /** Asks the window to resize (as a user dragging its border would). */
    public void resize(int width, int height) {
        glfwSetWindowSize(window, width, height);
    }

    /** The GLFW window handle. */
    public long handle() {
        return window;
    }

    @Override
    public void close() {
        glDeleteTextures(texture);
        glDeleteBuffers(quadVbo);
        glDeleteBuffers(shapeVbo);
        glDeleteVertexArrays(quadVao);
        glDeleteVertexArrays(shapeVao);
        programs.close();
        keyCallback.free();
        glfwDestroyWindow(window);
        glfwTerminate();
        GLFWErrorCallback previous = glfwSetErrorCallback(null);
        if (previous != null) {
            previous.free();
        }
    }
}
