package org.jdive.rendering;

import static org.lwjgl.opengl.GL33C.*;

/** The two shader programs of the window: a textured quad (the env frame) and coloured triangles (everything else). */
final class GlPrograms implements AutoCloseable {

    private static final String TEXTURED_VERTEX = """
            #version 330 core
            layout(location = 0) in vec2 position;
            layout(location = 1) in vec2 uv;
            uniform mat4 projection;
            out vec2 texCoord;
            void main() {
                texCoord = uv;
                gl_Position = projection * vec4(position, 0.0, 1.0);
            }
            """;
    private static final String TEXTURED_FRAGMENT = """
            #version 330 core
            in vec2 texCoord;
            uniform sampler2D frame;
            out vec4 color;
            void main() {
                color = vec4(texture(frame, texCoord).rgb, 1.0);
            }
            """;
    private static final String SHAPE_VERTEX = """
            #version 330 core
            layout(location = 0) in vec2 position;
            layout(location = 1) in vec4 rgba;
            uniform mat4 projection;
            out vec4 vertexColor;
            void main() {
                vertexColor = rgba;
                gl_Position = projection * vec4(position, 0.0, 1.0);
            }
            """;
    private static final String SHAPE_FRAGMENT = """
            #version 330 core
            in vec4 vertexColor;
            out vec4 color;
            void main() {
                color = vertexColor;
            }
            """;

    final int textured = link(TEXTURED_VERTEX, TEXTURED_FRAGMENT);
    final int shapes = link(SHAPE_VERTEX, SHAPE_FRAGMENT);
    final int texturedProjection = glGetUniformLocation(textured, "projection");
    final int shapesProjection = glGetUniformLocation(shapes, "projection");

    private static int link(String vertexSource, String fragmentSource) {
        int vertex = compile(GL_VERTEX_SHADER, vertexSource);
        int fragment = compile(GL_FRAGMENT_SHADER, fragmentSource);
        int program = glCreateProgram();
        glAttachShader(program, vertex);
        glAttachShader(program, fragment);
        glLinkProgram(program);
        glDeleteShader(vertex);
        glDeleteShader(fragment);
        if (glGetProgrami(program, GL_LINK_STATUS) != GL_TRUE) {
            throw new IllegalStateException("OpenGL shader program did not link: " + glGetProgramInfoLog(program));
        }
        return program;
    }

    private static int compile(int type, String source) {
        int shader = glCreateShader(type);
        glShaderSource(shader, source);
        glCompileShader(shader);
        if (glGetShaderi(shader, GL_COMPILE_STATUS) != GL_TRUE) {
            throw new IllegalStateException("OpenGL shader did not compile: " + glGetShaderInfoLog(shader));
        }
        return shader;
    }

    @Override
    public void close() {
        glDeleteProgram(textured);
        glDeleteProgram(shapes);
    }
}
